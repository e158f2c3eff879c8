package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.Kinds;

/**
 * Node kinds for SCIP symbols. {@link #ofKind(int)} maps {@code SymbolInformation.Kind} (as numbered in {@code
 * scip.proto}; 82 is the highest assigned) to a graphsnap kind: the shared kinds of {@link Kinds} where one fits
 * ({@code Class} to {@code class}, {@code Interface} to {@code interface}, {@code Method} to {@code method},
 * {@code Function} to {@code fn}, {@code Constructor}, {@code Field}, {@code Enum}, {@code EnumMember} to {@code
 * enum-constant}, {@code Namespace}, {@code Module}, {@code Package}), else the enum name in lower-case words joined by
 * '-' ({@code StaticMethod} to {@code static-method}, {@code TypeAlias} to {@code type-alias}). When the indexer sets
 * no kind, {@link #ofSuffix} names the descriptor suffix: {@code namespace}, {@code type}, {@code term}, {@code
 * method}, {@code type-parameter}, {@code parameter}, {@code meta}, {@code macro}. Stateless.
 */
public final class ScipKinds {
  /** The enum names of {@code SymbolInformation.Kind}, by number; empty where no value is assigned. */
  private static final String[] SCIP_NAMES = {
      "UnspecifiedKind", // 0
      "Array", // 1
      "Assertion", // 2
      "AssociatedType", // 3
      "Attribute", // 4
      "Axiom", // 5
      "Boolean", // 6
      "Class", // 7
      "Constant", // 8
      "Constructor", // 9
      "DataFamily", // 10
      "Enum", // 11
      "EnumMember", // 12
      "Event", // 13
      "Fact", // 14
      "Field", // 15
      "File", // 16
      "Function", // 17
      "Getter", // 18
      "Grammar", // 19
      "Instance", // 20
      "Interface", // 21
      "Key", // 22
      "Lang", // 23
      "Lemma", // 24
      "Macro", // 25
      "Method", // 26
      "MethodReceiver", // 27
      "Message", // 28
      "Module", // 29
      "Namespace", // 30
      "Null", // 31
      "Number", // 32
      "Object", // 33
      "Operator", // 34
      "Package", // 35
      "PackageObject", // 36
      "Parameter", // 37
      "ParameterLabel", // 38
      "Pattern", // 39
      "Predicate", // 40
      "Property", // 41
      "Protocol", // 42
      "Quasiquoter", // 43
      "SelfParameter", // 44
      "Setter", // 45
      "Signature", // 46
      "Subscript", // 47
      "String", // 48
      "Struct", // 49
      "Tactic", // 50
      "Theorem", // 51
      "ThisParameter", // 52
      "Trait", // 53
      "Type", // 54
      "TypeAlias", // 55
      "TypeClass", // 56
      "TypeFamily", // 57
      "TypeParameter", // 58
      "Union", // 59
      "Value", // 60
      "Variable", // 61
      "Contract", // 62
      "Error", // 63
      "Library", // 64
      "Modifier", // 65
      "AbstractMethod", // 66
      "MethodSpecification", // 67
      "ProtocolMethod", // 68
      "PureVirtualMethod", // 69
      "TraitMethod", // 70
      "TypeClassMethod", // 71
      "Accessor", // 72
      "Delegate", // 73
      "MethodAlias", // 74
      "SingletonClass", // 75
      "SingletonMethod", // 76
      "StaticDataMember", // 77
      "StaticEvent", // 78
      "StaticField", // 79
      "StaticMethod", // 80
      "StaticProperty", // 81
      "StaticVariable", // 82
  };

  /** The graphsnap kind of each {@code SymbolInformation.Kind} number; {@code null} for 0 and unassigned numbers. */
  private static final String[] KINDS = {
      null, // 0
      "array", // 1 Array
      "assertion", // 2 Assertion
      "associated-type", // 3 AssociatedType
      "attribute", // 4 Attribute
      "axiom", // 5 Axiom
      "boolean", // 6 Boolean
      "class", // 7 Class
      "constant", // 8 Constant
      "constructor", // 9 Constructor
      "data-family", // 10 DataFamily
      "enum", // 11 Enum
      "enum-constant", // 12 EnumMember
      "event", // 13 Event
      "fact", // 14 Fact
      "field", // 15 Field
      "file", // 16 File
      "fn", // 17 Function
      "getter", // 18 Getter
      "grammar", // 19 Grammar
      "instance", // 20 Instance
      "interface", // 21 Interface
      "key", // 22 Key
      "lang", // 23 Lang
      "lemma", // 24 Lemma
      "macro", // 25 Macro
      "method", // 26 Method
      "method-receiver", // 27 MethodReceiver
      "message", // 28 Message
      "module", // 29 Module
      "namespace", // 30 Namespace
      "null", // 31 Null
      "number", // 32 Number
      "object", // 33 Object
      "operator", // 34 Operator
      "package", // 35 Package
      "package-object", // 36 PackageObject
      "parameter", // 37 Parameter
      "parameter-label", // 38 ParameterLabel
      "pattern", // 39 Pattern
      "predicate", // 40 Predicate
      "property", // 41 Property
      "protocol", // 42 Protocol
      "quasiquoter", // 43 Quasiquoter
      "self-parameter", // 44 SelfParameter
      "setter", // 45 Setter
      "signature", // 46 Signature
      "subscript", // 47 Subscript
      "string", // 48 String
      "struct", // 49 Struct
      "tactic", // 50 Tactic
      "theorem", // 51 Theorem
      "this-parameter", // 52 ThisParameter
      "trait", // 53 Trait
      "type", // 54 Type
      "type-alias", // 55 TypeAlias
      "type-class", // 56 TypeClass
      "type-family", // 57 TypeFamily
      "type-parameter", // 58 TypeParameter
      "union", // 59 Union
      "value", // 60 Value
      "variable", // 61 Variable
      "contract", // 62 Contract
      "error", // 63 Error
      "library", // 64 Library
      "modifier", // 65 Modifier
      "abstract-method", // 66 AbstractMethod
      "method-specification", // 67 MethodSpecification
      "protocol-method", // 68 ProtocolMethod
      "pure-virtual-method", // 69 PureVirtualMethod
      "trait-method", // 70 TraitMethod
      "type-class-method", // 71 TypeClassMethod
      "accessor", // 72 Accessor
      "delegate", // 73 Delegate
      "method-alias", // 74 MethodAlias
      "singleton-class", // 75 SingletonClass
      "singleton-method", // 76 SingletonMethod
      "static-data-member", // 77 StaticDataMember
      "static-event", // 78 StaticEvent
      "static-field", // 79 StaticField
      "static-method", // 80 StaticMethod
      "static-property", // 81 StaticProperty
      "static-variable", // 82 StaticVariable
  };

  private ScipKinds() {}

  /** The graphsnap kind for a {@code SymbolInformation.Kind} number, or {@code null} if 0 or not a known value. */
  public static String ofKind(int kind) {
    return kind > 0 && kind < KINDS.length ? KINDS[kind] : null;
  }

  /** The {@code scip.proto} enum name of a kind number ({@code StaticMethod}), or {@code null} if not assigned. */
  public static String scipName(int kind) {
    return kind > 0 && kind < SCIP_NAMES.length && !SCIP_NAMES[kind].isEmpty() ? SCIP_NAMES[kind] : null;
  }

  /** The kind a descriptor suffix implies, for symbols whose indexer sets no kind. */
  public static String ofSuffix(ScipDescriptor.Suffix suffix) {
    return switch (suffix) {
      case NAMESPACE -> Kinds.NAMESPACE;
      case TYPE -> "type";
      case TERM -> "term";
      case METHOD -> Kinds.METHOD;
      case TYPE_PARAMETER -> "type-parameter";
      case PARAMETER -> "parameter";
      case META -> "meta";
      case MACRO -> "macro";
    };
  }
}
