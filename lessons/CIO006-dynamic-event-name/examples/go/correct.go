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

// RecordUpgrade runs when billing confirms a plan change.
func RecordUpgrade(userID, previousPlan, plan string) error {
	return cio.Track(userID, "plan_upgraded", map[string]any{
		"plan":          plan,
		"previous_plan": previousPlan,
	})
}
