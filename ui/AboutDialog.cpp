#include "AboutDialog.h"

#include "barcode/BarcodeLibrary.h"
#include "crypto/CryptoLibrary.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#ifndef KPDESK_LICENSE
#error "KPDESK_LICENSE comes from CMakeLists.txt"
#endif

namespace kp::ui {

namespace {

// The licence's SPDX identifier in words an officer can read.
QString licenceWords()
{
    const QString spdx = QStringLiteral(KPDESK_LICENSE);
    if (spdx == QLatin1String("LicenseRef-proprietary"))
        return AboutDialog::tr("Proprietary: all rights reserved by the KP Desk maintainers.");
    return AboutDialog::tr("Licence: %1").arg(spdx);
}

} // namespace

AboutDialog::AboutDialog(bool demoDesk, QWidget* parent) : QDialog(parent), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About KP Desk"));
    QStringList lines;
    lines << QStringLiteral("<h2>%1</h2>")
                 .arg(tr("KP Desk %1").arg(QApplication::applicationVersion().toHtmlEscaped()));
    if (demoDesk)
        lines << QStringLiteral("<p><b>%1</b></p>")
                     .arg(tr("DEMO desk: its certificates, keys and accounts are made up; no verdict here is "
                             "about a "
                             "real shipment."));
    lines
        << QStringLiteral("<p>%1</p>").arg(tr("Verifies Kimberley Process certificates at an import desk."));
    lines << QStringLiteral("<p>%1</p>").arg(licenceWords().toHtmlEscaped());
    lines << QStringLiteral("<p>%1<br>%2<br>%3<br>%4</p>")
                 .arg(tr("Built with:"),
                      tr("Qt %1 (running %2), LGPL-3.0")
                          .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())),
                      tr("%1, Apache-2.0").arg(cryptoLibraryVersion().toHtmlEscaped()),
                      tr("%1, Apache-2.0").arg(barcodeLibraryVersion().toHtmlEscaped()));
    m_text->setText(lines.join(QString()));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(420); // a word-wrapped label alone is narrow
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setAccessibleName(tr("About KP Desk"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
}

QString AboutDialog::text() const
{
    return QTextDocumentFragment::fromHtml(m_text->text()).toPlainText();
}

} // namespace kp::ui
