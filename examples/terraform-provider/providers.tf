# Point the Terraform AWS provider at Portico instead of AWS: start `portico serve` (or
# `portico up`), then `terraform init && terraform apply` here. Only the endpoints change; the
# resources are the seed's, unchanged. Portico answers STS GetCallerIdentity itself, so the
# provider's credential validation runs as usual.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "portico_endpoint" {
  description = "Portico's edge endpoint (portico serve --port 4566)"
  type        = string
  default     = "http://127.0.0.1:4566"
}

provider "aws" {
  region = "us-east-2"

  # Any key pair works unless Portico was started with --auth ACCESS_KEY:SECRET.
  access_key = "test"
  secret_key = "test"

  skip_metadata_api_check    = true
  skip_requesting_account_id = true

  endpoints {
    apigatewayv2 = var.portico_endpoint
    sts          = var.portico_endpoint
  }
}
