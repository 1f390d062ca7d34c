#include "crypto/ThreadCryptoState.h"

#include <openssl/crypto.h>

namespace kp {

ThreadCryptoState::~ThreadCryptoState()
{
    OPENSSL_thread_stop();
}

} // namespace kp
