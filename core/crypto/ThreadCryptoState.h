#pragma once

namespace kp {

// Frees what OpenSSL keeps for the calling thread (its error queue, its
// random generator) when it goes out of scope. OpenSSL frees it when a
// thread ends, but a pool thread (QtConcurrent::run) outlives its task and
// may still be running when the program ends: hold one of these in every
// pool task that may use OpenSSL (signatures, hashes, TLS). Using OpenSSL on
// the thread again afterwards is fine: it allocates again.
class ThreadCryptoState
{
public:
    ThreadCryptoState() = default;
    ~ThreadCryptoState();
    ThreadCryptoState(const ThreadCryptoState&) = delete;
    ThreadCryptoState& operator=(const ThreadCryptoState&) = delete;
};

} // namespace kp
