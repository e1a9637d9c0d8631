package billing

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

// RecordCancellation runs when billing confirms a cancellation; a win-back campaign listens for it.
func RecordCancellation(userID, plan, reason string) error {
	return cio.Track(userID, "subscription_cancelled", map[string]any{
		"plan":   plan,
		"reason": reason,
	})
}
