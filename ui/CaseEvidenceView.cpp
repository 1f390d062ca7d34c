#include "CaseEvidenceView.h"

#include "CaseQueue.h"
#include "ImagePreview.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

constexpr int ThumbnailSize = 56;

QLabel* wrappedLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QString yesNo(bool yes)
{
    return yes ? CaseEvidenceView::tr("yes") : CaseEvidenceView::tr("no");
}

} // namespace

CaseEvidenceView::CaseEvidenceView(QWidget* parent)
    : QWidget(parent), m_physical(wrappedLabel(QStringLiteral("physicalCheck"), this)),
      m_notes(wrappedLabel(QStringLiteral("flagNotes"), this)),
      m_otherFiles(wrappedLabel(QStringLiteral("otherFiles"), this)), m_stripArea(new QScrollArea(this)),
      m_strip(new QWidget), m_stripLayout(new QHBoxLayout(m_strip))
{
    setObjectName(QStringLiteral("caseEvidence"));
    auto* physicalBox = new QGroupBox(tr("Physical check"), this);
    auto* physicalLayout = new QVBoxLayout(physicalBox);
    physicalLayout->setContentsMargins(4, 4, 4, 4);
    physicalLayout->addWidget(m_physical);
    physicalLayout->addStretch();

    auto* notesBox = new QGroupBox(tr("The officer's notes and files"), this);
    m_stripLayout->setContentsMargins(0, 0, 0, 0);
    m_stripLayout->addStretch();
    // A row of thumbnails that scrolls sideways when there are many: the dialog keeps its width.
    auto* strip = m_stripArea;
    strip->setObjectName(QStringLiteral("thumbnailStrip"));
    strip->setWidget(m_strip);
    strip->setWidgetResizable(true);
    strip->setFrameShape(QFrame::NoFrame);
    strip->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    strip->setFixedHeight(ThumbnailSize + 12 + strip->horizontalScrollBar()->sizeHint().height());
    auto* notesLayout = new QVBoxLayout(notesBox);
    notesLayout->setContentsMargins(4, 4, 4, 4);
    notesLayout->addWidget(m_notes);
    notesLayout->addWidget(strip);
    notesLayout->addWidget(m_otherFiles);
    notesLayout->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(physicalBox, 1);
    layout->addWidget(notesBox, 1);
    showPhysicalCheck(std::nullopt, std::nullopt);
    showEvents({});
}

void CaseEvidenceView::showPhysicalCheck(const std::optional<PhysicalCheck>& check,
                                         const std::optional<CertificateRecord>& certificate)
{
    if (!check || check->isEmpty()) {
        m_physical->setText(tr("No physical check was recorded."));
        return;
    }
    const PhysicalCheck& p = *check;
    const QLocale locale;
    const QString notChecked = tr("(not checked)");
    const auto carats = [&](double ct) {
        return locale.toString(ct, 'f', 2);
    };
    QStringList lines;
    lines << tr("Customs declaration: %1").arg(p.declarationRef.isEmpty() ? notChecked : p.declarationRef);
    QString parcels = p.parcelsCounted ? locale.toString(*p.parcelsCounted) : notChecked;
    if (p.parcelsCounted && certificate)
        parcels = tr("%1 (certificate: %2)").arg(parcels, locale.toString(certificate->parcels));
    lines << tr("Parcels counted: %1").arg(parcels);
    QString mass = p.massCarats ? tr("%1 ct").arg(carats(*p.massCarats)) : notChecked;
    if (p.massCarats && certificate)
        mass = tr("%1 (certificate: %2 ct, give or take %3 ct)")
                   .arg(mass, carats(double(certificate->totalCentiCarats()) / 100.0),
                        carats(p.massToleranceCarats));
    lines << tr("Mass weighed: %1").arg(mass);
    lines << tr("Seals intact: %1").arg(p.sealsIntact ? yesNo(*p.sealsIntact) : notChecked);
    QString seals = p.sealNumbers.isEmpty() ? notChecked : p.sealNumbers.join(QStringLiteral(", "));
    if (!p.sealNumbers.isEmpty() && certificate)
        seals = tr("%1 (certificate: %2)")
                    .arg(seals, certificate->seals.isEmpty() ? tr("none")
                                                             : certificate->seals.join(QStringLiteral(", ")));
    lines << tr("Seal numbers read: %1").arg(seals);
    lines << tr("Importer matches the declaration: %1")
                 .arg(p.importerMatches ? yesNo(*p.importerMatches) : notChecked);
    m_physical->setText(lines.join(u'\n'));
}

void CaseEvidenceView::showPhysicalNotice(const QString& why)
{
    m_physical->setText(why);
}

void CaseEvidenceView::showEvents(const QList<CaseEvent>& events)
{
    qDeleteAll(m_thumbnails);
    m_thumbnails.clear();
    m_pictures.clear();
    QStringList notes;
    QStringList others;
    for (const CaseEvent& e : events) {
        const QString note = e.data.value(QStringLiteral("notes")).toString().trimmed();
        if (e.kind == CaseEventKind::Flagged && !note.isEmpty())
            notes << tr("%1 (%2): %3").arg(e.actor, CaseQueueModel::localTime(e.at), note);
        for (const EventAttachment& a : e.attachments) {
            const QImage image = QImage::fromData(a.data);
            if (image.isNull()) {
                others << tr("%1 (%Ln byte(s))", "", int(qMin<qint64>(a.size, INT_MAX))).arg(a.name);
                continue;
            }
            const QString title =
                tr("%1, from %2 (%3)").arg(a.name, e.actor, CaseQueueModel::localTime(e.at));
            auto* thumb = new QToolButton(m_strip);
            thumb->setObjectName(QStringLiteral("thumbnail"));
            thumb->setIcon(QPixmap::fromImage(
                image.scaled(ThumbnailSize, ThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            thumb->setIconSize(QSize(ThumbnailSize, ThumbnailSize));
            thumb->setToolTip(title);
            thumb->setAccessibleName(a.name);
            thumb->setFocusPolicy(Qt::StrongFocus); // Tab to it, Space opens it
            const int index = int(m_pictures.size());
            connect(thumb, &QToolButton::clicked, this, [this, index] { openImage(index); });
            m_stripLayout->insertWidget(m_stripLayout->count() - 1, thumb);
            m_thumbnails << thumb;
            m_pictures << Picture{image, title};
        }
    }
    m_notes->setText(notes.isEmpty() ? tr("No notes were written with the flag.") : notes.join(u'\n'));
    m_stripArea->setVisible(!m_thumbnails.isEmpty());
    m_otherFiles->setText(others.isEmpty() ? QString()
                                           : tr("Other files: %1").arg(others.join(QStringLiteral(", "))));
    m_otherFiles->setVisible(!others.isEmpty());
}

QString CaseEvidenceView::physicalText() const
{
    return m_physical->text();
}

QString CaseEvidenceView::notesText() const
{
    return m_notes->text();
}

QString CaseEvidenceView::otherFilesText() const
{
    return m_otherFiles->text();
}

ImagePreview* CaseEvidenceView::openImage(int index)
{
    if (index < 0 || index >= m_pictures.size())
        return nullptr;
    auto* preview = new ImagePreview(m_pictures.at(index).image, m_pictures.at(index).title, this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    preview->show();
    preview->activateWindow();
    return preview;
}

} // namespace kp::ui
