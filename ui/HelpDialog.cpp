#include "HelpDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text;
}

void collect(const QList<QAction*>& actions, QList<const QAction*>& out)
{
    for (const QAction* a : actions) {
        if (a->menu())
            collect(a->menu()->actions(), out);
        else if (!a->shortcut().isEmpty() && !out.contains(a))
            out << a;
    }
}

QString paragraph(const QString& title, const QString& body)
{
    return QStringLiteral("<p><b>%1</b> %2</p>").arg(title.toHtmlEscaped(), body.toHtmlEscaped());
}

} // namespace

QStringList HelpDialog::shortcuts(const QWidget* window)
{
    QList<const QAction*> actions;
    if (const auto* bar = window->findChild<QMenuBar*>())
        collect(bar->actions(), actions);
    for (const QAction* a : window->findChildren<QAction*>()) // actions outside the menus
        if (!a->shortcut().isEmpty() && !a->text().isEmpty() && !actions.contains(a))
            actions << a;
    QStringList lines;
    for (const QAction* a : actions) {
        const QString line =
            a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char('\t') + withoutMnemonic(a->text());
        if (!lines.contains(line))
            lines << line;
    }
    return lines;
}

HelpDialog::HelpDialog(const QWidget* window, QWidget* parent)
    : QDialog(parent), m_page(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("KP Desk help"));
    QString html;
    html += QStringLiteral("<h3>%1</h3>").arg(tr("The verdicts").toHtmlEscaped());
    html += paragraph(tr("ACCEPT (green):"),
                      tr("every check passed: the certificate is genuine, valid, meant for this desk and not "
                         "used before. Do the physical check, then release the shipment (Ctrl+R)."));
    html +=
        paragraph(tr("DOUBT (amber):"),
                  tr("something needs a closer look; the checks marked as warnings say what. Examine the "
                     "shipment and its papers. If the doubt is cleared, release the shipment; if not, flag "
                     "reasonable doubt (Ctrl+D) with what you saw and hold the shipment."));
    html +=
        paragraph(tr("REJECT (red):"),
                  tr("a check failed: the certificate is forged, altered, revoked, expired, or not for this "
                     "desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your "
                     "supervisor; the flag opens a case for them."));
    html +=
        paragraph(tr("Grey, \"not looked at\":"),
                  tr("Seals intact and Importer matches are for you to tick after looking at the containers "
                     "and the papers. Until you do, they are neither passed nor failed, and the verdict "
                     "does not count them."));
    html += paragraph(tr("STALE or NO DATA:"),
                      tr("the desk's data is older than the authority allows or missing: sync (F5) before "
                         "relying on a verdict."));
    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Keyboard shortcuts").toHtmlEscaped());
    for (const QString& line : shortcuts(window)) {
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>")
                    .arg(line.section(QLatin1Char('\t'), 0, 0).toHtmlEscaped(),
                         line.section(QLatin1Char('\t'), 1).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.")
                         .toHtmlEscaped());
    m_page->setObjectName(QStringLiteral("helpPage"));
    m_page->setAccessibleName(tr("Help"));
    m_page->setHtml(html);
    m_page->setOpenLinks(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_page);
    layout->addWidget(buttons);
    resize(560, 560);
}

QString HelpDialog::text() const
{
    return m_page->toPlainText();
}

} // namespace kp::ui
