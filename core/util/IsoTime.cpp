#include "util/IsoTime.h"

#include <optional>

namespace kp {

namespace {

// Qt's ISO writer and reader are general (offsets, fractions of any length,
// 24:00) and cost microseconds a call; a desk writes and reads its own one
// form for every event it pulls. That form is done by hand here, anything
// else (and any date or time Qt might read otherwise) by Qt.

void putDigits(char16_t* at, int value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        at[i] = char16_t(u'0' + value % 10);
}

// The digits at [from, from + width), or -1.
int digits(const QString& text, int from, int width)
{
    int value = 0;
    for (int i = from; i < from + width; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// "yyyy-MM-ddTHH:mm:ssZ" or "yyyy-MM-ddTHH:mm:ss.zzzZ" with a valid date and
// a valid time (24:00 is not one: Qt reads it as the next day); nullopt
// for anything else.
std::optional<QDateTime> parseOwnForm(const QString& text)
{
    const qsizetype n = text.size();
    if (n != 20 && n != 24)
        return std::nullopt;
    const auto at = [&](int i, char16_t c) {
        return text.at(i).unicode() == c;
    };
    if (!at(4, u'-') || !at(7, u'-') || !at(10, u'T') || !at(13, u':') || !at(16, u':') ||
        !at(int(n) - 1, u'Z'))
        return std::nullopt;
    if (n == 24 && !at(19, u'.'))
        return std::nullopt;
    const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
    const int h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
    const int ms = n == 24 ? digits(text, 20, 3) : 0;
    if (y < 1 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || ms < 0)
        return std::nullopt;
    const QDate date(y, mo, d);
    const QTime time(h, mi, s, ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QString isoTime(const QDateTime& time, IsoPrecision precision)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    if (date.year() < 1 || date.year() > 9999)
        return utc.toString(precision == IsoPrecision::Milliseconds ? Qt::ISODateWithMs : Qt::ISODate);
    const QTime clock = utc.time();
    const bool ms = precision == IsoPrecision::Milliseconds;
    QString text(ms ? 24 : 20, Qt::Uninitialized);
    char16_t* p = reinterpret_cast<char16_t*>(text.data());
    putDigits(p, date.year(), 4);
    p[4] = u'-';
    putDigits(p + 5, date.month(), 2);
    p[7] = u'-';
    putDigits(p + 8, date.day(), 2);
    p[10] = u'T';
    putDigits(p + 11, clock.hour(), 2);
    p[13] = u':';
    putDigits(p + 14, clock.minute(), 2);
    p[16] = u':';
    putDigits(p + 17, clock.second(), 2);
    if (ms) {
        p[19] = u'.';
        putDigits(p + 20, clock.msec(), 3);
    }
    p[text.size() - 1] = u'Z';
    return text;
}

QDateTime parseIsoTime(const QString& text)
{
    if (text.isEmpty())
        return {};
    if (auto own = parseOwnForm(text))
        return *own;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString shownUtc(const QDateTime& time, ShownPrecision precision)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(precision == ShownPrecision::Seconds
                                     ? QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")
                                     : QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace kp
