#include "FlagBox.h"

#include "LocalTime.h"

#include "cases/CaseLife.h"
#include "records/DeskRecords.h"
#include "records/InspectionRows.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace kp::ui {

Result<QList<ShownFlag>> flagsOfInspection(InspectionRows& rows, DeskRecords& door,
                                           const QString& inspectionUuid)
{
    const auto caseIds = rows.casesOf(inspectionUuid);
    if (!caseIds)
        return makeError(QStringLiteral("records.read"),
                         FlagBox::tr("The flags of this inspection cannot be read."));
    QList<ShownFlag> flags;
    for (const QString& id : *caseIds) {
        auto view = door.caseView(id);
        if (!view)
            return view.error();
        ShownFlag f;
        f.at = view->facts.openedAt;
        f.by = view->facts.flaggedBy;
        f.held = view->facts.held;
        f.reasons = view->facts.reasons;
        for (const CaseEvent& e : std::as_const(view->events)) {
            if (e.kind == CaseEventKind::Flagged)
                f.notes = e.data.value(QStringLiteral("notes")).toString();
            for (const EventAttachment& a : e.attachments)
                f.images << a.name;
        }
        flags << f;
    }
    return flags;
}

FlagBox::FlagBox(QWidget* parent) : QGroupBox(tr("Flag"), parent), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("flagBox"));
    m_text->setObjectName(QStringLiteral("flagText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    hide();
}

void FlagBox::setFlags(const QList<ShownFlag>& flags)
{
    QStringList parts;
    for (const ShownFlag& f : flags) {
        QStringList lines;
        lines
            << tr("Flagged %1 by %2.").arg(localTimeWithZone(f.at, QStringLiteral("yyyy-MM-dd HH:mm")), f.by);
        lines << (f.held ? tr("The shipment is HELD.") : tr("The shipment is not held."));
        for (const QString& r : f.reasons)
            lines << QStringLiteral("• ") + r;
        if (!f.notes.isEmpty())
            lines << tr("Notes: %1").arg(f.notes);
        lines << (f.images.isEmpty() ? tr("No images.")
                                     : tr("%Ln image(s): %1", nullptr, int(f.images.size()))
                                           .arg(f.images.join(QStringLiteral(", "))));
        parts << lines.join(QLatin1Char('\n'));
    }
    m_text->setText(parts.join(QStringLiteral("\n\n")));
    setAccessibleDescription(m_text->text());
    setVisible(!flags.isEmpty());
}

QString FlagBox::text() const
{
    return m_text->text();
}

} // namespace kp::ui
