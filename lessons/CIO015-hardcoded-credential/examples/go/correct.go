package accounts

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

// RecordProjectCreated runs after a new project is created.
func RecordProjectCreated(userID, projectID string) error {
	return cio.Track(userID, "project_created", map[string]any{"project_id": projectID})
}
