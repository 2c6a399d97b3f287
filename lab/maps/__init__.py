"""The lab's map of actors and capabilities: name matching, person-name check and the power-interest grid."""
