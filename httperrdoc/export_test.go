package httperrdoc

// TypeSchema is typeSchema, for the tests of package httperrdoc_test.
var TypeSchema = typeSchema
