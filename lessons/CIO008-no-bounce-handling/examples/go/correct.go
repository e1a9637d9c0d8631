package billing

import (
	"context"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var api = customerio.NewAPIClient(os.Getenv("CUSTOMERIO_APP_API_KEY"), customerio.WithRegion(customerio.RegionUS))

// SendReceipt sends the receipt once an order is paid.
func SendReceipt(ctx context.Context, customerID, email string, total int) error {
	_, err := api.SendEmail(ctx, &customerio.SendEmailRequest{
		TransactionalMessageID: "3",
		To:                     email,
		Identifiers:            map[string]string{"id": customerID},
		MessageData:            map[string]any{"total": total},
	})
	return err
}

// ReportingEvent is a reporting webhook, decoded by the route after its X-CIO-Signature check.
type ReportingEvent struct {
	Metric string `json:"metric"`
	Data   struct {
		CustomerID string `json:"customer_id"`
	} `json:"data"`
}

// OnReportingWebhook is called by the webhook route for each verified reporting webhook.
func OnReportingWebhook(ev ReportingEvent) {
	if ev.Metric == "bounced" {
		markUndeliverable(ev.Data.CustomerID)
	}
}
