// The C boundary of the runtime library: errors reach the caller as text in its buffer, never as a C++
// exception. Shared by the runtime API (CTorchRuntime.cpp) and training (CTorchTraining.cpp), which are
// compiled into the same libarbench_torch.so.
#ifndef ARBENCH_CBOUNDARY_H
#define ARBENCH_CBOUNDARY_H

#include "CTorch.h"

#include <c10/util/Exception.h>

#include <cstring>
#include <exception>
#include <string>

namespace arb {

inline void copy_out(const std::string &s, char *buf, size_t len) {
    if (buf == nullptr || len == 0) return;
    size_t n = s.size() < len - 1 ? s.size() : len - 1;
    std::memcpy(buf, s.data(), n);
    buf[n] = '\0';
}

// LibTorch's whole message, without the C++ backtrace c10::Error can add: for a TorchScript model
// the root cause comes last, after a traceback; the caller picks the line it shows (Swift's TorchMessage).
template <typename F>
arb_status guarded(arb_status failure, char *err, size_t errlen, F &&body) {
    try {
        body();
        return ARB_OK;
    } catch (const c10::Error &e) {
        copy_out(e.what_without_backtrace(), err, errlen);
    } catch (const std::exception &e) {
        copy_out(e.what(), err, errlen);
    } catch (...) {
        copy_out("unknown C++ exception", err, errlen);
    }
    return failure;
}

} // namespace arb

#endif
