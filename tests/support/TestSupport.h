#pragma once

#include <QByteArray>
#include <QString>

namespace kp::test {

// Folder of the published vectors (../shared/vectors), from KPDESK_SHARED_DIR.
QString sharedDir();
QString vectorsDir();
// tests/data of the project, from KPDESK_TEST_DATA.
QString testDataDir();
// Path of the kpdesk-cli binary under test, from KPDESK_CLI.
QString cliPath();

QByteArray readFile(const QString& path);
QByteArray fromHex(const QString& hex);

// Call first in every test's initTestCase(): no user files, C locale.
void isolateFromUserMachine();

} // namespace kp::test
