// Precompiled once a test folder (clang; cmake/KpDeskCommon.cmake,
// kpdesk_test_pch): the Qt headers nearly every test includes. A test still
// includes what it uses; gcc builds compile them without this header.
#include <QtTest>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#ifdef QT_WIDGETS_LIB
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#endif
