#include "format/Zlib.h"

#include <QCoreApplication>

#include <zlib.h>

#include <algorithm>

namespace kp::Zlib {

namespace {

Error corrupt()
{
    return makeError(QStringLiteral("zlib.corrupt"),
                     QCoreApplication::translate("kp::Zlib", "The compressed data is corrupt or truncated."));
}

} // namespace

bool hasZlibHeader(const QByteArray& data)
{
    if (data.size() < 2)
        return false;
    const auto cmf = static_cast<unsigned char>(data[0]);
    const auto flg = static_cast<unsigned char>(data[1]);
    return cmf == 0x78 && (cmf * 256 + flg) % 31 == 0;
}

Result<QByteArray> inflate(const QByteArray& data, qsizetype maxSize)
{
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK)
        return corrupt();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());

    // Grow in chunks; never hold more than the cap plus one chunk.
    constexpr qsizetype Chunk = 16 * 1024;
    QByteArray out;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        const qsizetype used = out.size();
        if (used > maxSize)
            break;
        out.resize(used + Chunk);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
        stream.avail_out = static_cast<uInt>(Chunk);
        status = ::inflate(&stream, Z_NO_FLUSH);
        out.resize(used + Chunk - qsizetype(stream.avail_out));
        if (status == Z_STREAM_END)
            break;
        if (status != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0)) {
            inflateEnd(&stream);
            return corrupt(); // error, or input ended before the stream did
        }
    }
    const bool trailing = stream.avail_in != 0;
    inflateEnd(&stream);
    if (out.size() > maxSize)
        return makeError(
            QStringLiteral("zlib.too-large"),
            QCoreApplication::translate("kp::Zlib", "The compressed data expands beyond %1 bytes.")
                .arg(maxSize));
    if (status != Z_STREAM_END || trailing)
        return corrupt();
    return out;
}

QByteArray deflate(const QByteArray& data, int level)
{
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                  reinterpret_cast<const Bytef*>(data.constData()), static_cast<uLong>(data.size()),
                  std::clamp(level, 0, 9)) != Z_OK)
        return {};
    out.resize(qsizetype(size));
    return out;
}

} // namespace kp::Zlib
