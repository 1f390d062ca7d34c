#include "FileDialogs.h"

#include "LocalSettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

#include <optional>

namespace kp::ui {

namespace {

std::optional<QString>& nextName()
{
    static std::optional<QString> name;
    return name;
}

std::optional<QString> takeNext()
{
    std::optional<QString> name = nextName();
    nextName().reset();
    return name;
}

} // namespace

void FileDialogs::setNextFileName(const QString& name)
{
    nextName() = name;
}

QString FileDialogs::lastFolder()
{
    const QString saved = LocalSettings::lastFolder();
    // A folder on a stick that has been taken out is no place to start.
    if (!saved.isEmpty() && QFileInfo(saved).isDir())
        return saved;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

void FileDialogs::remember(const QString& fileOrFolder)
{
    if (fileOrFolder.isEmpty())
        return;
    const QFileInfo info(fileOrFolder);
    LocalSettings::setLastFolder(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString FileDialogs::openFile(QWidget* parent, const QString& caption, const QString& filter)
{
    if (auto next = takeNext())
        return *next;
    const QString file = QFileDialog::getOpenFileName(parent, caption, lastFolder(), filter);
    remember(file);
    return file;
}

QStringList FileDialogs::openFiles(QWidget* parent, const QString& caption, const QString& filter)
{
    if (auto next = takeNext())
        return next->isEmpty() ? QStringList() : QStringList{*next};
    const QStringList files = QFileDialog::getOpenFileNames(parent, caption, lastFolder(), filter);
    if (!files.isEmpty())
        remember(files.constFirst());
    return files;
}

QString FileDialogs::existingFolder(QWidget* parent, const QString& caption)
{
    if (auto next = takeNext())
        return *next;
    const QString folder = QFileDialog::getExistingDirectory(parent, caption, lastFolder());
    remember(folder);
    return folder;
}

QString FileDialogs::saveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                              const QString& filter)
{
    if (auto next = takeNext())
        return *next;
    const QString file =
        QFileDialog::getSaveFileName(parent, caption, QDir(lastFolder()).filePath(suggestedName), filter);
    remember(file);
    return file;
}

} // namespace kp::ui
