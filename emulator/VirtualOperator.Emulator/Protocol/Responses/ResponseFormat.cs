namespace VirtualOperator.Emulator.Protocol.Responses;

public enum ResponseFormat { Json, Xml }
