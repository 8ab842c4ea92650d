import Foundation

extension Double {
    /// Natural logarithm (ratios are averaged in log space: x2 and x0.5 cancel).
    var logarithm: Double { Foundation.log(self) }
    var exponential: Double { Foundation.exp(self) }
}
