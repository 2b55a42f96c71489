// Package rti writes HMRC Real Time Information submissions (the Full
// Payment Submission and the Employer Payment Summary) in HMRC's XML inside
// a GovTalk envelope, works out their IRmark, and sends them to HMRC's
// Transaction Engine by the Document Submission Protocol. Its testengine
// package is a local stand-in for the Transaction Engine. docs/rti.md
// gives the sources and what is not done yet.
package rti
