// Replaced by the code `pulumi import --file` generates.
