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
