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

// LibTorch messages carry a multi-line C++ backtrace; the first line is what a user needs.
inline std::string first_line(const char *what) {
    std::string s(what ? what : "unknown error");
    auto pos = s.find('\n');
    return pos == std::string::npos ? s : s.substr(0, pos);
}

template <typename F>
arb_status guarded(arb_status failure, char *err, size_t errlen, F &&body) {
    try {
        body();
        return ARB_OK;
    } catch (const c10::Error &e) {
        copy_out(first_line(e.what_without_backtrace()), err, errlen);
    } catch (const std::exception &e) {
        copy_out(first_line(e.what()), err, errlen);
    } catch (...) {
        copy_out("unknown C++ exception", err, errlen);
    }
    return failure;
}

} // namespace arb

#endif
