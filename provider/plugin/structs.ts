import { Struct } from "google-protobuf/google/protobuf/struct_pb";

type Props = Record<string, unknown>;

/** Structs carry no undefined: such properties are dropped, as the engine drops them. */
export function toStruct(value: object): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

export function fromStruct(value: Struct | undefined): Props {
  return (value?.toJavaScript() ?? {}) as Props;
}
