variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "description" {
  type    = string
  default = null
}

variable "protocol_type" {
  type    = string
  default = "HTTP"
}

variable "cors_configuration" {
  type    = any
  default = {}
}

variable "create_stage" {
  type    = bool
  default = true
}

variable "stage_name" {
  type    = string
  default = "$default"
}

variable "routes" {
  type    = any
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
