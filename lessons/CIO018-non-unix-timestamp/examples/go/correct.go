package billing

import (
	"os"
	"time"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

type Subscription struct {
	CustomerID  string
	Plan        string
	NextRenewal time.Time
}

// RecordRenewal runs when a subscription renews.
func RecordRenewal(s Subscription) error {
	return cio.Track(s.CustomerID, "subscription_renewed", map[string]any{
		"plan":      s.Plan,
		"renews_at": s.NextRenewal.Unix(),
	})
}
