package auth

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

// RecordLogin runs after every successful login.
func RecordLogin(userID, method string) error {
	cio := customerio.NewTrackClient(
		os.Getenv("CUSTOMERIO_SITE_ID"),
		os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
		customerio.WithRegion(customerio.RegionUS),
	)
	return cio.Track(userID, "logged_in", map[string]any{"method": method})
}
