#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace kp {

// SHA-256 over data given in pieces, through OpenSSL (which uses the CPU's
// SHA instructions where there are any): several times faster than
// QCryptographicHash on the hundreds of megabytes of a big bundle.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void addData(QByteArrayView data);
    // The 32-byte digest; the object is then spent.
    QByteArray result();

    static QByteArray hash(QByteArrayView data);
    // SHA-256(a ‖ b) without a copy of the two: the audit chain's link,
    // hashed for every entry of a trail (one context per thread, reused).
    static QByteArray hash(QByteArrayView a, QByteArrayView b);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
