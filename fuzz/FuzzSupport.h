#pragma once

// Shared by the libFuzzer targets (docs/fuzzing.md).

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace kp::fuzz {

// Once, from LLVMFuzzerInitialize: a Qt application (a GUI one, offscreen,
// when gui is true), no user files, C locale, and no log output (the
// fuzzer's own output is what matters; qFatal still aborts).
void init(int* argc, char*** argv, bool gui = false);

// A private folder for this process's files, removed at exit.
QString scratchDir();

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// Stops the run with a crash the fuzzer reports, for a broken invariant.
[[noreturn]] void fail(const char* what);

} // namespace kp::fuzz
