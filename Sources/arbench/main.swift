import CTorch
import CAllocStats
print(String(cString: arb_torch_version()))
var info = arb_alloc_info()
arb_alloc_query(&info)
print(withUnsafeBytes(of: info.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
