variable "create" {
  type    = bool
  default = true
}

variable "function_name" {
  type = string
}

variable "handler" {
  type = string
}

variable "runtime" {
  type = string
}

variable "timeout" {
  type    = number
  default = 3
}

variable "memory_size" {
  type    = number
  default = 128
}

variable "create_package" {
  type    = bool
  default = true
}

variable "source_path" {
  type    = string
  default = null
}

variable "local_existing_package" {
  type    = string
  default = null
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

variable "allowed_triggers" {
  type    = map(any)
  default = {}
}
