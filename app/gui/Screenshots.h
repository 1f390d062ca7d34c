#pragma once

#include <QSize>
#include <QString>

// Makes the README's pictures of the main states from a fresh demo desk
// (tools/screenshots.sh runs it for each language). Returns an exit code.
// `size`: the window's, as on a screen of that size (1366x768 in the README).
int makeScreenshots(const QString& outDir, const QString& suffix, QSize size = QSize(1366, 768));
