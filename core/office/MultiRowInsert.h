#pragma once

// One office INSERT for many rows (a push's batch): `INSERT INTO t(cols)
// VALUES (?, ...), (?, ...) <tail>`, every value bound, in statements of at
// most `rowsPerStatement` rows (PostgreSQL takes at most 65 535 parameters
// in one statement). Rows go in the order given: a BIGSERIAL numbers them
// in that order, as one INSERT per row did.

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>

namespace kp {

class MultiRowInsert
{
public:
    // `head`: "INSERT INTO t(a, b, c)"; `tail`: what follows the VALUES
    // ("ON CONFLICT ... RETURNING ..."), may be empty.
    MultiRowInsert(QString head, int columns, QString tail, int rowsPerStatement = 250);

    // Runs the statements on `q`; `eachResult` (optional) reads each
    // statement's returned rows. False on the first error (in q.lastError()).
    bool run(QSqlQuery& q, const QList<QVariantList>& rows,
             const std::function<void(QSqlQuery&)>& eachResult = {}) const;

    // The SQL of a statement of `rows` rows (tests).
    QString sql(qsizetype rows) const;

private:
    QString m_head, m_tail;
    int m_columns;
    int m_rowsPerStatement;
};

} // namespace kp
