package dynamo

// SetExportPageLimit makes every export read pages of at most n items, so
// tests in dynamo_test prove that an export follows pages; it returns the
// function that puts the default back.
func SetExportPageLimit(n int32) (restore func()) {
	old := exportPageLimit
	exportPageLimit = n
	return func() { exportPageLimit = old }
}
