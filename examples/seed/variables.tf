variable "common_tags" {
  description = "Tags applied to every resource"
  type        = map(string)
  default = {
    Environment = "development"
    ManagedBy   = "terraform"
  }
}
