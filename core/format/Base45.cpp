#include "format/Base45.h"

#include <QCoreApplication>

#include <array>

namespace kp::Base45 {

namespace {

constexpr char Alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

constexpr std::array<qint8, 256> makeDecodeTable()
{
    std::array<qint8, 256> table{};
    for (auto& v : table)
        v = -1;
    for (int i = 0; i < 45; ++i)
        table[static_cast<unsigned char>(Alphabet[i])] = static_cast<qint8>(i);
    return table;
}

constexpr auto DecodeTable = makeDecodeTable();

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Base45)
};

Error invalid(const QString& why)
{
    return makeError(QStringLiteral("base45.invalid"), why);
}

} // namespace

QByteArray encode(QByteArrayView data)
{
    QByteArray out;
    out.reserve(data.size() / 2 * 3 + 2);
    qsizetype i = 0;
    for (; i + 1 < data.size(); i += 2) {
        unsigned n = static_cast<unsigned char>(data[i]) * 256u + static_cast<unsigned char>(data[i + 1]);
        out.append(Alphabet[n % 45]);
        n /= 45;
        out.append(Alphabet[n % 45]);
        out.append(Alphabet[n / 45]);
    }
    if (i < data.size()) {
        const unsigned n = static_cast<unsigned char>(data[i]);
        out.append(Alphabet[n % 45]);
        out.append(Alphabet[n / 45]);
    }
    return out;
}

Result<QByteArray> decode(QByteArrayView text)
{
    if (text.size() % 3 == 1)
        return invalid(Tr::tr("Base45 text has a dangling single character."));
    QByteArray out;
    out.reserve(text.size() / 3 * 2 + 1);
    qsizetype i = 0;
    for (; i + 2 < text.size(); i += 3) {
        const int c = DecodeTable[static_cast<unsigned char>(text[i])];
        const int d = DecodeTable[static_cast<unsigned char>(text[i + 1])];
        const int e = DecodeTable[static_cast<unsigned char>(text[i + 2])];
        if (c < 0 || d < 0 || e < 0)
            return invalid(Tr::tr("Base45 text has a character outside its alphabet."));
        const int n = c + d * 45 + e * 45 * 45;
        if (n > 0xFFFF)
            return invalid(Tr::tr("Base45 text has a group that decodes above 65535."));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    }
    if (i < text.size()) {
        const int c = DecodeTable[static_cast<unsigned char>(text[i])];
        const int d = DecodeTable[static_cast<unsigned char>(text[i + 1])];
        if (c < 0 || d < 0)
            return invalid(Tr::tr("Base45 text has a character outside its alphabet."));
        const int n = c + d * 45;
        if (n > 0xFF)
            return invalid(Tr::tr("Base45 text has a final pair that decodes above 255."));
        out.append(char(n));
    }
    return out;
}

} // namespace kp::Base45
