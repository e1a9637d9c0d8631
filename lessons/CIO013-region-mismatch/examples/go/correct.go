package releases

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

// The account is in the EU region.
var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionEU),
)

var api = customerio.NewAPIClient(os.Getenv("CUSTOMERIO_APP_API_KEY"), customerio.WithRegion(customerio.RegionEU))

// AnnounceRelease runs when a new release is published.
func AnnounceRelease(authorID, version string) error {
	return cio.Track(authorID, "release_published", map[string]any{"version": version})
}
