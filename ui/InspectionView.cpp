#include "InspectionView.h"

#include "ScannedImageView.h"
#include "VerdictBanner.h"

#include "verify/Inspection.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace kp::ui {

namespace {

QString statusWords(const QString& status)
{
    if (status == QLatin1String("pass"))
        return InspectionView::tr("✔ pass");
    if (status == QLatin1String("warn"))
        return InspectionView::tr("⚠ warn");
    if (status == QLatin1String("fail"))
        return InspectionView::tr("✖ fail");
    return InspectionView::tr("– skip");
}

QString party(const QJsonObject& p)
{
    return p.value(QStringLiteral("n")).toString() + QLatin1Char('\n') +
           p.value(QStringLiteral("a")).toString();
}

} // namespace

InspectionView::InspectionView(QWidget* parent)
    : QWidget(parent), m_banner(new VerdictBanner(this)), m_checks(new QTreeWidget(this)),
      m_fieldsBox(new QWidget), m_fields(new QFormLayout(m_fieldsBox)), m_image(new ScannedImageView(this))
{
    m_checks->setObjectName(QStringLiteral("checks"));
    m_checks->setAccessibleName(tr("Checks"));
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Reason")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_checks->setMinimumHeight(120);

    auto* fieldsGroup = new QGroupBox(tr("Certificate as signed by the issuing authority"), this);
    auto* scroll = new QScrollArea(fieldsGroup);
    scroll->setWidget(m_fieldsBox);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(200);
    auto* fieldsLayout = new QVBoxLayout(fieldsGroup);
    fieldsLayout->addWidget(scroll);

    m_image->setObjectName(QStringLiteral("scannedImage"));
    m_image->setAccessibleName(tr("Scanned image"));

    auto* lower = new QHBoxLayout;
    lower->addWidget(fieldsGroup, 3);
    lower->addWidget(m_image, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_checks, 2);
    layout->addLayout(lower, 3);
}

void InspectionView::clear()
{
    m_banner->clear();
    m_checks->clear();
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_image->clear();
}

void InspectionView::showNotice(const QString& headline, const QString& reason)
{
    clear();
    m_banner->showNotice(headline, reason);
}

void InspectionView::showInspection(const QJsonObject& insp, Verdict finalVerdict,
                                    const QStringList& extraReasons, const QImage& image)
{
    clear();
    QStringList reasons = extraReasons;
    // What needs the officer's eye first: failures, then warnings, then the
    // rest in the checks' own order (a short window shows the top rows).
    QList<QJsonObject> checks;
    for (const QJsonValue v : insp.value(QStringLiteral("checks")).toArray())
        checks << v.toObject();
    const auto rank = [](const QJsonObject& c) {
        const QString status = c.value(QStringLiteral("status")).toString();
        return status == QLatin1String("fail") ? 0 : status == QLatin1String("warn") ? 1 : 2;
    };
    std::stable_sort(checks.begin(), checks.end(),
                     [&](const QJsonObject& a, const QJsonObject& b) { return rank(a) < rank(b); });
    for (const QJsonObject& c : checks) {
        const QString status = c.value(QStringLiteral("status")).toString();
        const QString name = c.value(QStringLiteral("check")).toString();
        auto* item = new QTreeWidgetItem(m_checks, {CheckName::title(name), statusWords(status),
                                                    c.value(QStringLiteral("detail")).toString()});
        item->setData(0, Qt::UserRole, status);
        item->setData(0, Qt::UserRole + 1, name);
        item->setToolTip(0, name); // the stable name, as in checks.md and the JSON
        if (status == QLatin1String("fail") || status == QLatin1String("warn"))
            reasons << c.value(QStringLiteral("detail")).toString();
    }
    for (const QString& r : extraReasons)
        new QTreeWidgetItem(m_checks, {tr("physical"), statusWords(QStringLiteral("warn")), r});
    m_banner->showVerdict(finalVerdict,
                          reasons.isEmpty() ? tr("Every check passed.") : reasons.join(QLatin1Char('\n')));

    const QJsonObject cert = insp.value(QStringLiteral("certificate")).toObject();
    if (!cert.isEmpty()) {
        const auto add = [this](const QString& label, const QString& key, const QString& value) {
            auto* v = new QLabel(value);
            v->setObjectName(QStringLiteral("field_") + key);
            v->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_fields->addRow(label, v);
        };
        add(tr("Number"), QStringLiteral("no"), cert.value(QStringLiteral("no")).toString());
        add(tr("Issued by"), QStringLiteral("iss"),
            cert.value(QStringLiteral("iss")).toString() + QStringLiteral(", ") +
                cert.value(QStringLiteral("auth")).toString());
        add(tr("Issued"), QStringLiteral("di"), cert.value(QStringLiteral("di")).toString());
        add(tr("Expires"), QStringLiteral("de"), cert.value(QStringLiteral("de")).toString());
        QStringList origins;
        for (const QJsonValue o : cert.value(QStringLiteral("org")).toArray())
            origins << o.toString();
        add(tr("Origin"), QStringLiteral("org"),
            origins.join(QStringLiteral(", ")) +
                (cert.value(QStringLiteral("mix")).toBool() ? tr(" (mixed)") : QString()));
        add(tr("Exporter"), QStringLiteral("exp"), party(cert.value(QStringLiteral("exp")).toObject()));
        add(tr("Importer"), QStringLiteral("imp"), party(cert.value(QStringLiteral("imp")).toObject()));
        add(tr("Destination"), QStringLiteral("dst"), cert.value(QStringLiteral("dst")).toString());
        QStringList lots;
        const QLocale locale;
        for (const QJsonValue v : cert.value(QStringLiteral("lots")).toArray()) {
            const QJsonObject lot = v.toObject();
            lots << tr("%1: %2 ct, US$ %3")
                        .arg(lot.value(QStringLiteral("hs")).toString(),
                             locale.toString(double(lot.value(QStringLiteral("cct")).toInteger()) / 100.0,
                                             'f', 2),
                             locale.toString(double(lot.value(QStringLiteral("usd")).toInteger()) / 100.0,
                                             'f', 2));
        }
        add(tr("Lots"), QStringLiteral("lots"), lots.join(QLatin1Char('\n')));
        add(tr("Parcels"), QStringLiteral("np"),
            QString::number(cert.value(QStringLiteral("np")).toInteger()));
        QStringList seals;
        for (const QJsonValue s : cert.value(QStringLiteral("seals")).toArray())
            seals << s.toString();
        add(tr("Seals"), QStringLiteral("seals"),
            seals.isEmpty() ? tr("(none)") : seals.join(QStringLiteral(", ")));
        if (!cert.value(QStringLiteral("note")).toString().isEmpty())
            add(tr("Note"), QStringLiteral("note"), cert.value(QStringLiteral("note")).toString());
    }
    m_image->setImage(image);
}

QString InspectionView::fieldText(const QString& key) const
{
    const auto* label = m_fieldsBox->findChild<QLabel*>(QStringLiteral("field_") + key);
    return label ? label->text() : QString();
}

} // namespace kp::ui
