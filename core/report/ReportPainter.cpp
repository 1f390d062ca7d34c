#include "ReportPainter.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QScreen>
#include <QTextDocument>

namespace kp {

namespace {

// The resolution the document is laid out at: the one its fonts and its
// pictures' sizes are resolved for when it has no paint device of its own.
qreal layoutDpi()
{
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? screen->logicalDotsPerInchY() : 96.0;
}

} // namespace

Result<int> ReportPainter::paint(const ReportDocument& report, QPagedPaintDevice* device)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return makeError(QStringLiteral("report.paint"),
                         tr("A record can only be drawn in a program with fonts (QGuiApplication)."));
    QPainter painter;
    if (!painter.begin(device))
        return makeError(QStringLiteral("report.paint"),
                         tr("The record cannot be drawn on this printer or file."));

    // Header and footer in device units, with fonts sized for the device.
    QFont bandFont = QGuiApplication::font();
    bandFont.setPointSizeF(7.5);
    painter.setFont(bandFont);
    const qreal line = painter.fontMetrics().height();
    const qreal band = line * 2.2;
    const qreal width = device->width();
    const qreal height = device->height();

    // The body is laid out at the layout's resolution and scaled to the device.
    const qreal scale = device->logicalDpiY() / layoutDpi();
    const QSizeF body(width / scale, (height - 2 * band) / scale);
    auto doc = report.toTextDocument();
    doc->setPageSize(body);
    const int pages = doc->pageCount();
    const QPen rule(Qt::darkGray, qMax<qreal>(1.0, device->logicalDpiY() / 150.0));

    for (int i = 0; i < pages; ++i) {
        if (i > 0 && !device->newPage()) {
            painter.end();
            return makeError(QStringLiteral("report.paint"), tr("A new page could not be started."));
        }
        painter.setPen(Qt::black);
        painter.drawText(QRectF(0, 0, width, line), Qt::AlignLeft | Qt::AlignTop, report.title);
        painter.drawText(QRectF(0, 0, width, line), Qt::AlignRight | Qt::AlignTop, report.reference);
        painter.drawText(QRectF(0, height - line, width, line), Qt::AlignLeft | Qt::AlignBottom,
                         report.footer);
        painter.drawText(QRectF(0, height - line, width, line), Qt::AlignRight | Qt::AlignBottom,
                         tr("page %1 of %2").arg(QLocale().toString(i + 1), QLocale().toString(pages)));
        painter.setPen(rule);
        painter.drawLine(QPointF(0, line * 1.4), QPointF(width, line * 1.4));
        painter.drawLine(QPointF(0, height - line * 1.4), QPointF(width, height - line * 1.4));

        painter.save();
        painter.translate(0, band);
        painter.scale(scale, scale);
        painter.translate(0, -i * body.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(QPointF(0, i * body.height()), body);
        painter.setClipRect(context.clip);
        doc->documentLayout()->draw(&painter, context);
        painter.restore();
    }
    if (!painter.end())
        return makeError(QStringLiteral("report.paint"), tr("The record could not be finished."));
    return pages;
}

} // namespace kp
