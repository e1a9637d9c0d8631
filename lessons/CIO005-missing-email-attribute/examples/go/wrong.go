package accounts

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"))

// SyncProfile runs whenever a user saves their account settings.
func SyncProfile(userID, email, firstName, plan string) error {
	return cio.Identify(userID, map[string]any{
		"first_name": firstName,
		"plan":       plan,
	})
}

// OnReportingWebhook handles bounces, the subject of lesson CIO008 (not of this one); the
// route calls it once the webhook's X-CIO-Signature is verified (lesson CIO017).
func OnReportingWebhook(metric, customerID string) {
	if metric == "bounced" {
		markUndeliverable(customerID)
	}
}
