// A deliberate data race, compiled with -sanitize=thread by Tests/Sanitizers/sanitize.sh: ThreadSanitizer
// must report it, or a "clean" engine run would prove nothing (sanitizer not linked, reports not seen).
// Swift 5 mode: Swift 6 would refuse to compile the race.
import Foundation

nonisolated(unsafe) var counter = 0

let threads = (0 ..< 2).map { _ in
    Thread {
        for _ in 0 ..< 10_000 { counter += 1 }
    }
}
threads.forEach { $0.start() }
while threads.contains(where: { !$0.isFinished }) { usleep(1_000) }
print("canary: counter \(counter)")
