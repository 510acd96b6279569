package extract

// findVisits detects visits to places without a named host.
func (a *analysis) findVisits() {}
