#include "office/MultiRowInsert.h"

#include <algorithm>

namespace kp {

MultiRowInsert::MultiRowInsert(QString head, int columns, QString tail, int rowsPerStatement)
    : m_head(std::move(head)), m_tail(std::move(tail)), m_columns(std::max(1, columns)),
      m_rowsPerStatement(std::clamp(rowsPerStatement, 1, 65535 / m_columns))
{}

QString MultiRowInsert::sql(qsizetype rows) const
{
    QString row = QStringLiteral("(?");
    for (int i = 1; i < m_columns; ++i)
        row += QStringLiteral(", ?");
    row += QLatin1Char(')');
    QString s = m_head + QStringLiteral(" VALUES ");
    s.reserve(s.size() + rows * (row.size() + 2) + m_tail.size() + 1);
    for (qsizetype i = 0; i < rows; ++i) {
        if (i > 0)
            s += QStringLiteral(", ");
        s += row;
    }
    if (!m_tail.isEmpty())
        s += QLatin1Char(' ') + m_tail;
    return s;
}

bool MultiRowInsert::run(QSqlQuery& q, const QList<QVariantList>& rows,
                         const std::function<void(QSqlQuery&)>& eachResult) const
{
    for (qsizetype from = 0; from < rows.size(); from += m_rowsPerStatement) {
        const qsizetype n = std::min<qsizetype>(m_rowsPerStatement, rows.size() - from);
        if (!q.prepare(sql(n)))
            return false;
        int at = 0;
        for (qsizetype r = from; r < from + n; ++r) {
            const QVariantList& values = rows.at(r);
            if (values.size() != m_columns)
                return false; // a caller's mistake: never a statement with values out of place
            for (const QVariant& v : values)
                q.bindValue(at++, v);
        }
        if (!q.exec())
            return false;
        if (eachResult)
            eachResult(q);
        q.finish();
    }
    return true;
}

} // namespace kp
