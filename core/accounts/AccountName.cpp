#include "accounts/AccountName.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace kp::AccountName {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

bool refused(char32_t c)
{
    // Letters and symbols that show as nothing.
    if (c == 0x115F || c == 0x1160 || c == 0x2800 || c == 0x3164 || c == 0xFFA0)
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format: // zero-width characters, bidi controls, soft hyphen
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    case QChar::Separator_Space:
        return c != U' ';
    default:
        return false;
    }
}

// Capitals that look like Latin capitals (mapped before case folding).
const QHash<char32_t, char32_t>& capitals()
{
    static const QHash<char32_t, char32_t> map{// Cyrillic
                                               {U'А', U'A'},
                                               {U'В', U'B'},
                                               {U'Е', U'E'},
                                               {U'К', U'K'},
                                               {U'М', U'M'},
                                               {U'Н', U'H'},
                                               {U'О', U'O'},
                                               {U'Р', U'P'},
                                               {U'С', U'C'},
                                               {U'Т', U'T'},
                                               {U'Х', U'X'},
                                               {U'Ѕ', U'S'},
                                               {U'І', U'I'},
                                               {U'Ј', U'J'},
                                               {U'Ү', U'Y'},
                                               {U'Ԛ', U'Q'},
                                               {U'Ԝ', U'W'},
                                               // Greek
                                               {U'Α', U'A'},
                                               {U'Β', U'B'},
                                               {U'Ε', U'E'},
                                               {U'Ζ', U'Z'},
                                               {U'Η', U'H'},
                                               {U'Ι', U'I'},
                                               {U'Κ', U'K'},
                                               {U'Μ', U'M'},
                                               {U'Ν', U'N'},
                                               {U'Ο', U'O'},
                                               {U'Ρ', U'P'},
                                               {U'Τ', U'T'},
                                               {U'Υ', U'Y'},
                                               {U'Χ', U'X'}};
    return map;
}

// Small letters (after case folding) that look like Latin small letters.
const QHash<char32_t, char32_t>& smalls()
{
    static const QHash<char32_t, char32_t> map{// Cyrillic
                                               {U'а', U'a'},
                                               {U'с', U'c'},
                                               {U'ԁ', U'd'},
                                               {U'е', U'e'},
                                               {U'һ', U'h'},
                                               {U'і', U'i'},
                                               {U'ј', U'j'},
                                               {U'ӏ', U'l'},
                                               {U'о', U'o'},
                                               {U'р', U'p'},
                                               {U'ԛ', U'q'},
                                               {U'ѕ', U's'},
                                               {U'у', U'y'},
                                               {U'х', U'x'},
                                               {U'ԝ', U'w'},
                                               {U'ү', U'y'},
                                               // Greek
                                               {U'α', U'a'},
                                               {U'ι', U'i'},
                                               {U'κ', U'k'},
                                               {U'ν', U'v'},
                                               {U'ο', U'o'},
                                               {U'ρ', U'p'},
                                               {U'υ', U'u'},
                                               {U'χ', U'x'},
                                               // Latin look-alikes
                                               {U'ɡ', U'g'},
                                               {U'ı', U'i'},
                                               {U'0', U'o'},
                                               {U'1', U'l'},
                                               {U'|', U'l'}};
    return map;
}

QString mapped(const QString& text, const QHash<char32_t, char32_t>& map)
{
    QString out;
    for (char32_t c : text.toUcs4()) {
        c = map.value(c, c);
        out += QString::fromUcs4(&c, 1);
    }
    return out;
}
} // namespace

Result<QString> normalise(const QString& typed)
{
    const QString name = typed.normalized(QString::NormalizationForm_KC).trimmed();
    bool ok = !name.isEmpty() && name.size() <= MaxLength && !name.startsWith(QLatin1String("cli:"));
    for (const char32_t c : name.toUcs4())
        ok = ok && !refused(c);
    if (!ok)
        return makeError(QStringLiteral("records.bad-name"),
                         Tr::tr("An account's name has 1 to %1 characters, no control, invisible or "
                                "direction characters, and does not start with 'cli:'.")
                             .arg(MaxLength));
    return name;
}

QString skeleton(const QString& name)
{
    const QString kc = name.normalized(QString::NormalizationForm_KC);
    return mapped(mapped(kc, capitals()).toCaseFolded(), smalls()).normalized(QString::NormalizationForm_KC);
}

bool confusable(const QString& a, const QString& b)
{
    return skeleton(a) == skeleton(b);
}

} // namespace kp::AccountName
