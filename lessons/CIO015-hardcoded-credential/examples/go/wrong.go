package accounts

import (
	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	"a1b2c3d4e5f6a7b8c9d0",
	"9d8c7b6a5f4e3d2c1b0a",
	customerio.WithRegion(customerio.RegionUS),
)

// RecordProjectCreated runs after a new project is created.
func RecordProjectCreated(userID, projectID string) error {
	return cio.Track(userID, "project_created", map[string]any{"project_id": projectID})
}
