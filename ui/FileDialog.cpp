#include "FileDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include <optional>

namespace kp::ui {

namespace {

std::optional<QString>& nextName()
{
    static std::optional<QString> name;
    return name;
}

const QString LastFolderKey = QStringLiteral("ui/lastFolder");

QString lastFolder()
{
    const QString last = QSettings().value(LastFolderKey).toString();
    return !last.isEmpty() && QFileInfo(last).isDir() ? last : QDir::homePath();
}

QString remembered(const QString& chosen, bool isFolder)
{
    if (!chosen.isEmpty())
        QSettings().setValue(LastFolderKey, isFolder ? chosen : QFileInfo(chosen).absolutePath());
    return chosen;
}

std::optional<QString> takeNext()
{
    std::optional<QString> name = nextName();
    nextName().reset();
    return name;
}

} // namespace

void FileDialog::setNextFileName(const QString& name)
{
    nextName() = name;
}

QString FileDialog::openFile(QWidget* parent, const QString& caption, const QString& filter)
{
    if (auto next = takeNext())
        return *next;
    return remembered(QFileDialog::getOpenFileName(parent, caption, lastFolder(), filter), false);
}

QString FileDialog::saveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                             const QString& filter)
{
    if (auto next = takeNext())
        return *next;
    return remembered(
        QFileDialog::getSaveFileName(parent, caption, QDir(lastFolder()).filePath(suggestedName), filter),
        false);
}

QString FileDialog::folder(QWidget* parent, const QString& caption)
{
    if (auto next = takeNext())
        return *next;
    return remembered(QFileDialog::getExistingDirectory(parent, caption, lastFolder()), true);
}

} // namespace kp::ui
