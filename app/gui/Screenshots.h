#pragma once

#include <QString>

// Makes the README's pictures of the main states from a fresh demo desk
// (tools/screenshots.sh runs it for each language). Returns an exit code.
int makeScreenshots(const QString& outDir, const QString& suffix);
