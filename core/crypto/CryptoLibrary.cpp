#include "crypto/CryptoLibrary.h"

#include <openssl/crypto.h>

namespace kp {

QString cryptoLibraryVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

} // namespace kp
