package newsletter

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

type User struct{ ID, Email string }

// RecordSignup runs when someone ticks the newsletter box on their account page.
func RecordSignup(u User, source string) error {
	return cio.Track(u.ID, "newsletter_subscribed_"+u.Email, map[string]any{"source": source})
}
