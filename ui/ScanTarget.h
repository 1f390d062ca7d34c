#pragma once

// A dialog that can use a certificate scanned while it is the active window
// (Find inspection: searches for it). A scan while any other dialog is in
// front is verified nowhere: the inspection would land behind the dialog,
// out of the officer's sight (ScanIntake).

class QString;

namespace kp::ui {

class ScanTarget
{
public:
    virtual ~ScanTarget() = default;
    // The scanned text, as the scanner sent it (a KP1 code or a number).
    virtual void takeScan(const QString& text) = 0;

protected:
    ScanTarget() = default;
    ScanTarget(const ScanTarget&) = default;
    ScanTarget& operator=(const ScanTarget&) = default;
};

} // namespace kp::ui
