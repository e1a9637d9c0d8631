package billing

import (
	"fmt"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

// RecordUpgrade runs when billing confirms a plan change.
func RecordUpgrade(userID, previousPlan, plan string) error {
	return cio.Track(userID, fmt.Sprintf("upgraded_to_%s", plan), map[string]any{
		"previous_plan": previousPlan,
	})
}
