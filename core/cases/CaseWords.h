#pragma once

// The words a person reads for a case's state, a decision's outcome and an
// event's kind, in the chosen language: one spelling for the queue, the case
// view and the printed case. Machine output keeps the stable names
// (caseStateName, outcomeName, eventKindName).

#include "cases/CaseLife.h"

#include <QString>

namespace kp::CaseWords {

QString state(CaseState state);    // "In review"
QString outcome(Outcome outcome);  // "Released"
QString event(CaseEventKind kind); // "Taken for review"

} // namespace kp::CaseWords
