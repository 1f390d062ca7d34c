#pragma once

// The layout of a page that asks one thing of a person (sign in, choose a
// new password): a big title, and the page's content in a box at most
// 520 px wide in the middle of the window.

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace kp::ui {

inline void makeTitle(QLabel* title)
{
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
}

// A box for the page's content, centred on `page` (which gets its layout).
inline QWidget* centredBox(QWidget* page)
{
    auto* box = new QWidget(page);
    box->setMaximumWidth(520);
    box->setMinimumWidth(qMin(520, page->fontMetrics().averageCharWidth() * 60));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch();
    // Centred by stretches, not by an alignment: an aligned item loses its
    // height-for-width, and wrapped text (the demo accounts) was cut off.
    auto* row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(box, 1);
    row->addStretch();
    layout->addLayout(row);
    layout->addStretch(2);
    return box;
}

} // namespace kp::ui
